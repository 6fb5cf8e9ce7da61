// IT economics computations (DOMAIN.md §8; issue 12, Deliver 2 and 3), pure. The entry point other modules
// import: one municipality-year (year.ts), a savings scenario (savings.ts), cost sharing (sharing.ts), a
// group's comparison (comparison.ts); the data-quality flags are in quality.ts, formatting in format.ts.
export { economicsYearView, type NameOf } from './year.ts';
export { savingsView } from './savings.ts';
export { costSharingView } from './sharing.ts';
export { groupComparison, type GroupForComparison } from './comparison.ts';
