// The needs report's pure domain: what the wizard, storage and tests import.
export * from './needs-report';
export * from './validate';
export * from './steps';
export * from './step-layout';
export * from './input-patterns';
export * from './card-values';
export * from './money';
export * from './lifecycle';
export * from './reference';
export * from './limits';
export * from './school-year';
export * from './themes';
export * from './target-groups';
export { parseLineList, formatLineList, type ListedOrg } from './line-list';
export type { YearAmount } from './fields';
export { cleanText } from './card-input';
export * from './choices';
export * from './step-schemas';
