export { assembleObjects, ConflictingObjectError } from './assemble-objects';
export type { ChartGroup, PublicationInput, PublicationManifest } from './assemble-objects';
export { putObjects } from './put-objects';
export { CACHE_CONTROL, CONTENT_TYPE, publishedObject } from './published-object';
export type { PublishedObject } from './published-object';
