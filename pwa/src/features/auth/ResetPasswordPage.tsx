import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { PasswordField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { AuthCard } from "./AuthCard.tsx";
import { ResetPasswordMutation } from "./operations.ts";
import { PASSWORD_MIN_LENGTH, resetPasswordSchema } from "./schemas.ts";

/** Also where a new clerk sets a first password: the invitation e-mail carries the same kind of link. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = useSearchParams()[0].get("token");
  const [, resetPassword] = useMutation(ResetPasswordMutation);
  const [done, setDone] = useState(false);
  const form = useZodForm(resetPasswordSchema, { newPassword: "" });

  const onSubmit = form.handleSubmit(async ({ newPassword }) => {
    const result = await resetPassword({ input: { token: token ?? "", newPassword } });
    const answer = result.data?.resetPassword;
    if (answer?.__typename !== "ResetPasswordSuccess") return form.fail(answer ?? result.error);
    setDone(true);
  });

  return (
    <AuthCard title={t("resetPassword.title")}>
      {!token && (
        <p role="alert">
          {t("resetPassword.missingToken")} <Link to="/zapomenute-heslo">{t("resetPassword.requestNew")}</Link>
        </p>
      )}
      {token && done && <p role="status">{t("resetPassword.done")}</p>}
      {token && !done && (
        <Form onSubmit={onSubmit} error={form.formError}>
          <PasswordField
            label={t("fields.newPassword")}
            hint={t("fields.passwordHint", { count: PASSWORD_MIN_LENGTH })}
            autoComplete="new-password"
            required
            {...form.bind("newPassword")}
          />
          <Button type="submit" busy={form.submitting}>
            {t("resetPassword.submit")}
          </Button>
        </Form>
      )}
      <p>
        <Link to="/prihlaseni">{t("verify.toLogin")}</Link>
      </p>
    </AuthCard>
  );
}
