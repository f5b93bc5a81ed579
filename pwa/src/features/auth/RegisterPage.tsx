import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { PasswordField, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { currentLanguage } from "../../i18n/setup.ts";
import { AuthCard } from "./AuthCard.tsx";
import { RegisterMutation } from "./operations.ts";
import { PASSWORD_MIN_LENGTH, registerSchema } from "./schemas.ts";

export function RegisterPage() {
  const { t } = useTranslation();
  const [, register] = useMutation(RegisterMutation);
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  const form = useZodForm(
    registerSchema,
    { fullName: "", email: "", phone: "", password: "" },
    { draftKey: "portal.draft.register", secretFields: ["password"] },
  );

  const onSubmit = form.handleSubmit(async ({ phone, ...input }) => {
    const result = await register({ input: { ...input, phone: phone || null, locale: currentLanguage() } });
    const answer = result.data?.register;
    if (answer?.__typename !== "RegisterSuccess") return form.fail(answer ?? result.error);
    form.clearDraft();
    setRegisteredEmail(input.email);
  });

  return (
    <AuthCard title={t("register.title")}>
      {registeredEmail ? (
        <div role="status" className="flex flex-col gap-2">
          <p className="font-semibold">{t("register.doneTitle")}</p>
          <p>{t("register.doneText", { email: registeredEmail })}</p>
        </div>
      ) : (
        <>
          <Form onSubmit={onSubmit} error={form.formError}>
            <TextField label={t("fields.fullName")} autoComplete="name" required {...form.bind("fullName")} />
            <TextField label={t("fields.email")} type="email" autoComplete="email" required {...form.bind("email")} />
            <TextField label={t("fields.phone")} hint={t("fields.phoneHint")} type="tel" autoComplete="tel" {...form.bind("phone")} />
            <PasswordField
              label={t("fields.password")}
              hint={t("fields.passwordHint", { count: PASSWORD_MIN_LENGTH })}
              autoComplete="new-password"
              required
              {...form.bind("password")}
            />
            <Button type="submit" busy={form.submitting}>
              {t("register.submit")}
            </Button>
          </Form>
          <p>
            {t("register.haveAccount")} <Link to="/prihlaseni">{t("register.login")}</Link>
          </p>
        </>
      )}
    </AuthCard>
  );
}
