/**
 * Analysis micro-benchmark: the pure language work of the `analyze-insight` job (@insight/analysis)
 * on generated ~150-word insights, half English and half Portuguese, in one process and one
 * thread, as a worker runs it: prepare (Markdown, language, tokens, stems) → update the owner's
 * document frequencies → analyse (TF-IDF keywords, sentiment, summary, tag suggestions).
 * No database: this is the ceiling the job's I/O comes on top of (issue 5 targets ≥ 300
 * insights/s for the whole job per worker process).
 *
 * Prints documents/s and per-document p50/p99 and writes bench/results-analysis.json.
 *
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/analysis.ts
 *   SWC_NODE_PROJECT=tools/tsconfig.json node -r @swc-node/register tools/bench/analysis.ts --documents 20000
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_TAGS, generateText } from '../datagen/corpus';
import { SeededRandom } from '../datagen/random';

const ROOT = resolve(__dirname, '../..');
// Generated texts grow by whole paragraphs until they pass this, landing around 150 words.
const MIN_WORDS = 125;
const TARGET_INSIGHTS_PER_SECOND = 300;

// Loading the library loads tinyld's bundled n-gram model: time it as the worker's start-up cost.
const loadStarted = process.hrtime.bigint();
const rssBeforeLoad = process.memoryUsage().rss;
// A plain require by path (the tsconfig alias is not resolved for require), timed on purpose.
// eslint-disable-next-line @nx/enforce-module-boundaries
const analysis = require('../../libs/analysis/src') as typeof import('../../libs/analysis/src');
const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
const rssAfterLoadMb = process.memoryUsage().rss / 2 ** 20;
const loadRssMb = (process.memoryUsage().rss - rssBeforeLoad) / 2 ** 20;

function options() {
  const { values } = parseArgs({
    options: {
      documents: { type: 'string', default: '5000' },
      warmup: { type: 'string', default: '500' },
      seed: { type: 'string', default: '5' },
      out: { type: 'string', default: join(ROOT, 'bench/results-analysis.json') },
    },
  });
  return {
    documents: Number(values.documents),
    warmup: Number(values.warmup),
    seed: Number(values.seed),
    out: values.out,
  };
}

// Portuguese notes on the same kinds of topic as the data generator's English ones.
const PT_SUBJECTS = [
  'o cache',
  'o índice composto',
  'a consulta lenta',
  'a fila de tarefas',
  'o deploy',
  'a revisão de código',
  'a reunião semanal',
  'o plano do trimestre',
  'a rotina da manhã',
  'o livro sobre hábitos',
  'a migração do banco',
  'o teste de integração',
];
const PT_VERBS = [
  'reduziu',
  'complicou',
  'melhorou muito',
  'explicou',
  'atrasou',
  'simplificou',
  'revelou',
  'dependia de',
];
const PT_OBJECTS = [
  'a latência das requisições',
  'o tempo de resposta',
  'a comunicação da equipe',
  'o uso de memória',
  'a qualidade das decisões',
  'o foco durante a tarde',
  'a confiança no sistema',
  'os erros em produção',
];
const PT_CONNECTIVES = ['Além disso,', 'Por outro lado,', 'No fim,', 'Curiosamente,', 'Hoje percebi que'];

function portugueseSentence(random: SeededRandom): string {
  const body = `${random.pickSkewed(PT_SUBJECTS)} ${random.pick(PT_VERBS)} ${random.pickSkewed(PT_OBJECTS)}`;
  return random.chance(0.3)
    ? `${random.pick(PT_CONNECTIVES)} ${body}.`
    : `${body.charAt(0).toUpperCase()}${body.slice(1)}.`;
}

function wordsOf(text: string): number {
  return analysis.countWords(text);
}

/** A Markdown insight of about 150 words, English (data generator) or Portuguese. */
function generateDocument(random: SeededRandom, portuguese: boolean): { title: string; content: string } {
  if (portuguese) {
    const paragraphs: string[] = [];
    while (wordsOf(paragraphs.join(' ')) < MIN_WORDS) {
      paragraphs.push(Array.from({ length: random.int(2, 5) }, () => portugueseSentence(random)).join(' '));
    }
    if (random.chance(0.3)) paragraphs.splice(1, 0, `- **${random.pickSkewed(PT_SUBJECTS)}**: anotar depois`);
    return { title: portugueseSentence(random).slice(0, -1), content: paragraphs.join('\n\n') };
  }
  const first = generateText(random);
  const blocks = [first.content];
  while (wordsOf(blocks.join(' ')) < MIN_WORDS) blocks.push(generateText(random).content);
  return { title: first.title, content: blocks.join('\n\n') };
}

function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)];
}

const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

function main(): void {
  const opts = options();
  const random = new SeededRandom(opts.seed);
  const total = opts.warmup + opts.documents;
  const documents = Array.from({ length: total }, (_, i) => generateDocument(random, i % 2 === 1));
  const existingTags = ALL_TAGS.map((name, i) => ({ name, count: 1 + ((i * 7) % 40) }));
  const corpus = analysis.emptyCorpus();
  const stats = analysis.corpusStats(corpus);
  const statsView = {
    get documentCount() {
      return corpus.documentCount;
    },
    documentFrequency: stats.documentFrequency,
  };

  const totalMs: number[] = [];
  const prepareMs: number[] = [];
  const analyseMs: number[] = [];
  const languages = new Map<string, number>();
  let words = 0;
  let summaries = 0;
  let keywordCount = 0;
  let started = 0n;

  for (let i = 0; i < total; i++) {
    if (i === opts.warmup) started = process.hrtime.bigint();
    const t0 = process.hrtime.bigint();
    const prepared = analysis.prepareDocument(documents[i]);
    analysis.applyCorpusChange(corpus, analysis.corpusChange(null, prepared.stems));
    const t1 = process.hrtime.bigint();
    const result = analysis.analyseDocument(prepared, { corpus: statsView, existingTags });
    const t2 = process.hrtime.bigint();
    if (i < opts.warmup) continue;
    prepareMs.push(Number(t1 - t0) / 1e6);
    analyseMs.push(Number(t2 - t1) / 1e6);
    totalMs.push(Number(t2 - t0) / 1e6);
    languages.set(result.language, (languages.get(result.language) ?? 0) + 1);
    words += result.wordCount;
    summaries += result.summary ? 1 : 0;
    keywordCount += result.keywords.length;
  }
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  for (const list of [totalMs, prepareMs, analyseMs]) list.sort((a, b) => a - b);

  const documentsPerSecond = opts.documents / elapsedS;
  const report = {
    benchmark: 'analysis',
    date: new Date().toISOString(),
    node: process.version,
    documents: opts.documents,
    warmup: opts.warmup,
    averageWords: round(words / opts.documents, 1),
    languages: Object.fromEntries(languages),
    elapsedSeconds: round(elapsedS),
    documentsPerSecond: Math.round(documentsPerSecond),
    perDocumentMs: {
      p50: round(percentile(totalMs, 50)),
      p99: round(percentile(totalMs, 99)),
      max: round(percentile(totalMs, 100)),
    },
    phasesP50Ms: {
      prepare: round(percentile(prepareMs, 50)),
      analyse: round(percentile(analyseMs, 50)),
    },
    summaries,
    averageKeywords: round(keywordCount / opts.documents, 1),
    corpusStems: Object.keys(corpus.documentFrequencies).length,
    libraryLoadMs: round(loadMs, 1),
    libraryLoadRssMb: round(loadRssMb, 1),
    rssMb: { afterLoad: round(rssAfterLoadMb, 1), end: round(process.memoryUsage().rss / 2 ** 20, 1) },
    target: {
      insightsPerSecond: TARGET_INSIGHTS_PER_SECOND,
      headroom: round(documentsPerSecond / TARGET_INSIGHTS_PER_SECOND, 1),
    },
  };

  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `[bench] analysis: ${opts.documents} documents (~${report.averageWords} words, ` +
      `${[...languages].map(([code, n]) => `${code} ${n}`).join(', ')}) in ${report.elapsedSeconds} s`,
  );
  console.table({
    'documents/s': report.documentsPerSecond,
    'p50 ms': report.perDocumentMs.p50,
    'p99 ms': report.perDocumentMs.p99,
    'max ms': report.perDocumentMs.max,
    'prepare p50 ms': report.phasesP50Ms.prepare,
    'analyse p50 ms': report.phasesP50Ms.analyse,
    'load ms': report.libraryLoadMs,
    'RSS MB': report.rssMb.end,
  });
  console.log(
    `[bench] ${report.documentsPerSecond} documents/s = ${report.target.headroom}× the job's target of ` +
      `${TARGET_INSIGHTS_PER_SECOND}/s; written to ${opts.out}`,
  );
}

main();
