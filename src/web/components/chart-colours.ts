// Chart colours that must meet a contrast ratio on the white chart background (checked in test/a11y-web.test.ts).

/** The quadrant fields' letters A–D (28 px bold, large text): 4.6:1 on white, above the 3:1 WCAG needs. */
export const QUADRANT_LETTER_COLOUR = '#6b7684';

/** The background the charts are drawn on (.result-figure). */
export const CHART_BACKGROUND = '#ffffff';
