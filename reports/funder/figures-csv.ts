// The one figures.csv writer lives with the figure row type; reports re-export it for their callers.
export { figuresCsv } from '../../functions/core/figures/figures-csv';
