export * from './usageReport';
export * from './dueDate';
export * from './totals';
export * from './paidYear';
export * from './rules';
