import { Badge, VisuallyHidden } from '@mantine/core';
import { t } from '../lib/i18n';
import { useUnreadAlertCount } from './alert-queries';

/** The unread count beside "Alerts" in the menu; nothing when all are read. */
export function UnreadAlertsBadge() {
  const unread = useUnreadAlertCount(true);
  const n = unread.data ?? 0;
  if (n === 0) return null;
  return (
    <Badge color="red" variant="filled" size="sm" data-testid="unread-alerts">
      {n}
      <VisuallyHidden> {t('alerts.unreadSuffix')}</VisuallyHidden>
    </Badge>
  );
}
