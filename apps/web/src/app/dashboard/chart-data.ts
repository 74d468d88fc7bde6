import { type DashboardStats, INSIGHT_STATUSES, RELATIONSHIP_VOCABULARY } from '@insight/contracts';
import { relationshipTypeLabel } from '../insight/relationship-groups';
import { localDate } from '../i18n/dates';
import type { Translate } from '../i18n/translate';

/** One dashboard chart: what it shows, as labels and values (the chart and its table both read it). */
export interface ChartSpec {
  id: string;
  title: string;
  /** Header of the table's first column. */
  labelHeader: string;
  labels: string[];
  values: number[];
  /** Bars along the x axis (weeks) or along the y axis (long names, narrow screens). */
  axis: 'x' | 'y';
}

/** Whether a chart has anything to draw; an empty one shows a sentence instead. */
export function hasData(spec: ChartSpec): boolean {
  return spec.values.some((value) => value > 0);
}

/** The dashboard's charts from `GET /stats`, labelled in `language`. */
export function dashboardCharts(stats: DashboardStats, t: Translate, language: string): ChartSpec[] {
  const typeLabels = new Map(RELATIONSHIP_VOCABULARY.map((info) => [info.type, info.label]));
  const counted = (
    id: string,
    labelHeader: string,
    entries: { label: string; count: number }[],
    axis: 'x' | 'y' = 'y',
  ): ChartSpec => ({
    id,
    title: t(`dashboard.charts.${id}`),
    labelHeader,
    labels: entries.map((entry) => entry.label),
    values: entries.map((entry) => entry.count),
    axis,
  });
  return [
    counted(
      'perWeek',
      t('dashboard.weekOf'),
      stats.insightsPerWeek.map((week) => ({
        label: localDate(week.weekStart, 'd MMM', language),
        count: week.count,
      })),
      'x',
    ),
    counted(
      'byCategory',
      t('dashboard.category'),
      stats.byCategory.map((entry) => ({
        label: entry.name ?? t('dashboard.uncategorised'),
        count: entry.count,
      })),
    ),
    counted(
      'topTags',
      t('dashboard.tag'),
      stats.topTags.map((entry) => ({ label: `#${entry.key}`, count: entry.count })),
    ),
    counted(
      'topKeywords',
      t('dashboard.keyword'),
      stats.topKeywords.map((entry) => ({ label: entry.key, count: entry.count })),
    ),
    counted(
      'relationshipTypes',
      t('dashboard.relationshipType'),
      stats.relationshipTypes.map((entry) => ({
        label: relationshipTypeLabel(entry.key, typeLabels.get(entry.key) ?? entry.key, t),
        count: entry.count,
      })),
    ),
    counted(
      'processingStatus',
      t('dashboard.status'),
      INSIGHT_STATUSES.map((status) => ({
        label: t(`status.${status}`),
        count: stats.processingStatus[status] ?? 0,
      })),
    ),
  ];
}
