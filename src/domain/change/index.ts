export * from './approval.ts';
export * from './change-key.ts';
export * from './expiry.ts';
export * from './lifecycle.ts';
export * from './risk.ts';
export * from './validate-draft.ts';
