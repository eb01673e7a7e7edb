import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';

/** A short confirmation in the corner; its close button gets a translated name (Mantine gives none). */
export function notifySuccess(t: TFunction, message: string): void {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': t('common.close') } });
}
