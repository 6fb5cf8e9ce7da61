// The samverkansportfölj (DOMAIN.md §7, §10): pure domain logic, no IO.
export * from './types.ts';
export * from './stages.ts';
export * from './qualification.ts';
export * from './followup.ts';
export * from './indicators.ts';
export * from './handlingsplan.ts';
export * from './initiative-schema.ts';
