export * from './org';
export * from './standup';
export * from './delivery';
export * from './recognition';
export * from './auth';
export * from './audit';
export * from './wecom';
export * from './goals';
