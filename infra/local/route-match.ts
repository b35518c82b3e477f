import { ROUTES, type Route } from '../api-routes';

/** A matched route with its path parameters. */
export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

const compiled = ROUTES.map((route) => ({
  route,
  names: [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''),
  pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/**
 * Finds the route of a request the way API Gateway does: by method and resource path.
 * Returns `'method'` when the path exists with other methods (405) and null when it does not exist (404).
 */
export const matchRoute = (method: string, path: string): RouteMatch | 'method' | null => {
  let pathExists = false;
  for (const { route, names, pattern } of compiled) {
    const match = pattern.exec(path);
    if (match === null) continue;
    pathExists = true;
    if (route.method !== method) continue;
    const pathParameters = Object.fromEntries(names.map((name, i) => [name, decoded(match[i + 1] ?? '')]));
    return { route, pathParameters };
  }
  return pathExists ? 'method' : null;
};

// A malformed escape (`%E0%A4%A`) is passed on as sent, as API Gateway does, instead of failing the request.
const decoded = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};
