/**
 * Sample inputs for sync with the bureau (sync.* on an office, bureau.* on a bureau). The test office
 * is not enrolled and not a bureau: each handler refuses on its own terms (not_enrolled, not_bureau,
 * a file that is not there), which proves it ran — nothing here touches the network.
 */
import { type SectionSamples } from '../shared';

export const samples: SectionSamples = () => ({
  'sync.status': {},
  'sync.enroll': { file: '/nonexistent/DWK-CYJ.cdenroll', code: 'AAAA-BBBB-CCCC-DDDD' },
  'sync.settings.update': { uploadUrl: null },
  'sync.export': { folder: '/nonexistent/usb' },
  'sync.upload': { url: 'http://127.0.0.1:9/' },
  'sync.receipt.import': { file: '/nonexistent/DWK-CYJ-receipt-000001.cdreceipt' },
  'bureau.init': { name: '石嘴山市民政局' },
  'bureau.enroll': { officeCode: 'DWK-XHJ', officeName: '新华街社区', out: '/nonexistent/DWK-XHJ.cdenroll' },
  'bureau.import': { files: ['/nonexistent/DWK-CYJ-000001-00000000.cdbundle'] },
  'bureau.receipt': { officeCode: 'DWK-XHJ', folder: '/nonexistent/receipts' },
  'bureau.offices': {},
  'bureau.alarms': { open: true },
  'bureau.alarms.resolve': { id: 999_999 },
  'bureau.duplicates': { limit: 10 },
  'bureau.stats': { from: '2025-01-01', to: '2025-12-31' },
  'bureau.publish': { kind: 'eldercare.standards', file: '/nonexistent/standards.json' },
  'bureau.identity.export': { out: '/nonexistent/bureau-identity.txt' },
});
