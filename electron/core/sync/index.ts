/** What other parts of the app may use of sync: reading a bundle's clear parts (the CLI's `bundle inspect`, the upload server's check). */
export { openBundle, bundleSignatureHolds, SyncFileError, MAX_BUNDLE_BYTES, BUNDLE_EXTENSION, type OpenedBundle, type BundleHeader } from './format';
