// Forum meetings, agendas and votes: the pure rules.
export * from './meeting';
export * from './tally';
export * from './rules';
export * from './twoSteps';
export * from './disqualification';
export * from './parts';
export * from './recommendation';
export * from './agendaItem';
export * from './followUp';
export * from './rulesOfGroup';
export * from './cutLine';
export * from './plan';
