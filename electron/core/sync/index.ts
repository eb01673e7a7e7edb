/** What the sync feature offers outside it (the CLI): the bureau's upload service. */
export { serveBureauUploads, uploadsDirFor, type BureauUploadOptions } from './upload/bureau-service';
export type { UploadServer } from './upload/server';
