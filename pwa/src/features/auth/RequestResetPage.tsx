import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { AuthCard } from "./AuthCard.tsx";
import { RequestPasswordResetMutation } from "./operations.ts";
import { requestResetSchema } from "./schemas.ts";

export function RequestResetPage() {
  const { t } = useTranslation();
  const [, requestReset] = useMutation(RequestPasswordResetMutation);
  const [sent, setSent] = useState(false);
  const form = useZodForm(requestResetSchema, { email: "" });

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await requestReset({ input });
    const answer = result.data?.requestPasswordReset;
    if (answer?.__typename !== "RequestPasswordResetSuccess") return form.fail(answer ?? result.error);
    setSent(true);
  });

  return (
    <AuthCard title={t("requestReset.title")}>
      {sent ? (
        <p role="status">{t("requestReset.done", { email: form.values.email })}</p>
      ) : (
        <>
          <p>{t("requestReset.intro")}</p>
          <Form onSubmit={onSubmit} error={form.formError}>
            <TextField label={t("fields.email")} type="email" autoComplete="email" required {...form.bind("email")} />
            <Button type="submit" busy={form.submitting}>
              {t("requestReset.submit")}
            </Button>
          </Form>
        </>
      )}
      <p>
        <Link to="/prihlaseni">{t("verify.toLogin")}</Link>
      </p>
    </AuthCard>
  );
}
