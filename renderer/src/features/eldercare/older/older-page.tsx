/**
 * 老年人: the worklist (assessments due, living alone with no recent contact, turning 60 or 80 this
 * month), the older residents with their profile's and latest assessment's facts, and the monthly
 * eligibility lists (高龄津贴, 居家养老服务补贴). Everyone here comes from the register: 60 and over.
 */
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Worklist } from './worklist';
import { OlderList } from './older-list';
import { EligibilityLists } from './eligibility';

const VIEWS = ['worklist', 'list', 'eligibility'] as const;
type View = (typeof VIEWS)[number];

export function OlderPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'worklist';
  return (
    <Tabs value={view} onChange={(v) => v && setParams({ view: v }, { replace: true })} variant="pills" keepMounted={false} data-testid="eldercare-older">
      <Tabs.List mb="sm">
        {VIEWS.map((v) => (
          <Tabs.Tab key={v} value={v} data-testid={`older-view-${v}`}>
            {t(`eldercare.careUi.older.views.${v}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="worklist">
        <Worklist />
      </Tabs.Panel>
      <Tabs.Panel value="list">
        <OlderList />
      </Tabs.Panel>
      <Tabs.Panel value="eligibility">
        <EligibilityLists />
      </Tabs.Panel>
    </Tabs>
  );
}
