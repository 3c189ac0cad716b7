import { useEffect } from 'react';
import { t } from './i18n';

/** Each page names itself: the tab title and what a screen reader announces. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
}
