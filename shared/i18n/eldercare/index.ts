/**
 * 养老服务 elderly care: the module's messages, one file per part, joined (a key two parts both
 * define throws, naming them). FEATURE_MESSAGES lists the result as one feature.
 */
import { joinMessages } from '../messages';
import { commonMessages } from './common';
import { facilitiesMessages } from './facilities';
import { facilitiesUiMessages } from './facilities-ui';
import { careMessages } from './care';
import { ordersMessages } from './orders';
import { statsMessages } from './stats';
import { coverageMessages } from './coverage';
import { careUiMessages } from './care-ui';
import { coverageUiMessages } from './coverage-ui';

export const eldercareMessages = joinMessages({
  'eldercare/common': commonMessages,
  'eldercare/facilities': facilitiesMessages,
  'eldercare/facilities-ui': facilitiesUiMessages,
  'eldercare/care': careMessages,
  'eldercare/orders': ordersMessages,
  'eldercare/stats': statsMessages,
  'eldercare/coverage': coverageMessages,
  'eldercare/care-ui': careUiMessages,
  'eldercare/coverage-ui': coverageUiMessages,
});
