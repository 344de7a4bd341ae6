export * from './empirical';
export * from './gmm';
export * from './toyOracle';
