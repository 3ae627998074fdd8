import { defineMessages } from '../catalog';

// The bulk grant never grants past a budget that decisions by hand used meanwhile (issue 22).
export const bulkBudgetMessages = defineMessages({
  nb: {
    'bulk.budgetUsed.one':
      '{count} melding ble ikke innvilget, fordi vedtak gjort i mellomtiden har brukt rammen. Den er fortsatt prioritert og står i vedtakslisten.',
    'bulk.budgetUsed.other':
      '{count} meldinger ble ikke innvilget, fordi vedtak gjort i mellomtiden har brukt rammen. De er fortsatt prioritert og står i vedtakslisten.',
  },
  nn: {
    'bulk.budgetUsed.one':
      '{count} melding vart ikkje innvilga, fordi vedtak gjorde i mellomtida har brukt ramma. Ho er framleis prioritert og står i vedtakslista.',
    'bulk.budgetUsed.other':
      '{count} meldingar vart ikkje innvilga, fordi vedtak gjorde i mellomtida har brukt ramma. Dei er framleis prioriterte og står i vedtakslista.',
  },
  en: {
    'bulk.budgetUsed.one':
      '{count} report was not granted, because decisions made meanwhile used the budget. It is still prioritised and is in the list of decisions.',
    'bulk.budgetUsed.other':
      '{count} reports were not granted, because decisions made meanwhile used the budget. They are still prioritised and are in the list of decisions.',
  },
});
