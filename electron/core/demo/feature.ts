/** 演示数据 demo: synthetic residents for trying the app and for benchmarks. */
import { defineFeature } from '../feature';
import { demoHandlers } from './service';

export const demoFeature = defineFeature({
  folder: 'demo',
  handlers: demoHandlers,
});
