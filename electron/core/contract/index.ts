export * from './channels';
export * from './types';
export * from './schemas';
export * from './outputs';
export * from './api';
