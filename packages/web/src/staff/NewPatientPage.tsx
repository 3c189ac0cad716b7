import {
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { post } from '../api/client';
import type { Patient } from '../api/types';
import { ErrorState } from '../components/States';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';

export function NewPatientPage() {
  usePageTitle(t('patients.new'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form, setForm] = useState({
    givenName: '',
    familyName: '',
    dateOfBirth: '',
    sex: 'female',
    phone: '',
    email: '',
    address: '',
  });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const create = useMutation({
    mutationFn: () =>
      post<Patient>('/patients', {
        givenName: form.givenName,
        familyName: form.familyName,
        dateOfBirth: form.dateOfBirth,
        sex: form.sex,
        phone: form.phone.trim() || null,
        email: form.email.trim() || null,
        address: form.address.trim() || null,
      }),
    onSuccess: (p) => {
      client.invalidateQueries({ queryKey: ['patients'] });
      navigate(`/patients/${p.id}`);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t('patients.new')}</Title>
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate={false}>
        <Stack>
          {create.isError && <ErrorState error={create.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('patient.givenName')}
              required
              value={form.givenName}
              onChange={(e) => set('givenName')(e.currentTarget.value)}
              autoComplete="off"
            />
            <TextInput
              label={t('patient.familyName')}
              required
              value={form.familyName}
              onChange={(e) => set('familyName')(e.currentTarget.value)}
              autoComplete="off"
            />
            <TextInput
              label={t('patient.dob')}
              type="date"
              required
              value={form.dateOfBirth}
              onChange={(e) => set('dateOfBirth')(e.currentTarget.value)}
            />
            <div>
              <Text size="sm" fw={500} id="sex-label" mb={4}>
                {t('patient.sex')}
              </Text>
              <SegmentedControl
                aria-labelledby="sex-label"
                value={form.sex}
                onChange={set('sex')}
                data={[
                  { value: 'female', label: t('sex.female') },
                  { value: 'male', label: t('sex.male') },
                  { value: 'other', label: t('sex.other') },
                ]}
              />
            </div>
            <TextInput
              label={t('patient.phone')}
              type="tel"
              value={form.phone}
              onChange={(e) => set('phone')(e.currentTarget.value)}
            />
            <TextInput
              label={t('patient.email')}
              type="email"
              value={form.email}
              onChange={(e) => set('email')(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t('patient.address')}
            value={form.address}
            onChange={(e) => set('address')(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('patients.create')}
            </Button>
            <Button variant="default" onClick={() => navigate(-1)}>
              {t('action.cancel')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
