import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { t } from './lib/i18n';

export function NotFoundPage() {
  useEffect(() => {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
  }, []);
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Title order={1}>{t('notFound.title')}</Title>
        <Text>{t('notFound.body')}</Text>
        <Anchor component={Link} to="/">
          {t('notFound.home')}
        </Anchor>
      </Stack>
    </Container>
  );
}
