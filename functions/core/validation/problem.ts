/** One thing wrong with a request: which record (`index`, null for the whole body), where, and what. */
export interface Problem {
  index: number | null;
  path: string;
  message: string;
}
