/**
 * Prefixes every id (and every reference to it) in an SVG, so that several charts inlined in one HTML page do not
 * share clip paths or gradients (each headless render numbers its defs from 1).
 */
export const namespaceSvgIds = (svg: string, prefix: string): string =>
  svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}-${id}"`);
