import { makeCounterProvider } from '@willsoto/nestjs-prometheus';

export const SUGGESTIONS_METRIC = 'insight_suggestions_total';

/** Suggestions made (worker), accepted and rejected (api); Prometheus sums the processes. */
export const suggestionsCounter = makeCounterProvider({
  name: SUGGESTIONS_METRIC,
  help: 'Related-insight suggestions by outcome: made, accepted or rejected.',
  labelNames: ['outcome'],
});

export type SuggestionOutcome = 'made' | 'accepted' | 'rejected';
