import { defineFeature } from '../../app/registry/feature';
import { HomePage } from './home-page';

/** 首页: the office at a glance. */
export const homeFeature = defineFeature({
  id: 'home',
  folder: 'home',
  routes: [{ index: true, element: <HomePage /> }],
  nav: { label: 'home', path: '/' },
  // The office's name and its record counts.
  queries: { 'system.info': 'all' },
});
