/** What other parts of the app may use of sync: reading a bundle's clear parts (the CLI's `bundle inspect`), and the bureau's upload service. */
export { openBundle, bundleSignatureHolds, SyncFileError, MAX_BUNDLE_BYTES, BUNDLE_EXTENSION, type OpenedBundle, type BundleHeader } from './format';
export { serveBureauUploads, uploadsDirFor, type BureauUploadOptions } from './upload/bureau-service';
export type { UploadServer } from './upload/server';
