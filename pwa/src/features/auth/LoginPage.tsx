import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { Button } from "../../components/Button.tsx";
import { PasswordField, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { isLanguage } from "../../i18n/languages.ts";
import { AuthCard } from "./AuthCard.tsx";
import { LoginMutation } from "./operations.ts";
import { homePathFor } from "./roles.ts";
import { loginSchema } from "./schemas.ts";
import { safeNextPath } from "./session.tsx";

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const expired = (useLocation().state as { expired?: boolean } | null)?.expired;
  const [, login] = useMutation(LoginMutation);
  const form = useZodForm(loginSchema, { email: "", password: "" });

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await login({ input });
    const answer = result.data?.login;
    if (answer?.__typename !== "LoginSuccess") return form.fail(answer ?? result.error);
    if (isLanguage(answer.user.locale)) await i18n.changeLanguage(answer.user.locale);
    navigate(safeNextPath(searchParams.get("next")) ?? homePathFor(answer.user.role), { replace: true });
  });

  return (
    <AuthCard title={t("login.title")}>
      {(expired || searchParams.has("next")) && (
        <p className="rounded-md bg-page p-3">{expired ? t("login.expired") : t("login.required")}</p>
      )}
      <Form onSubmit={onSubmit} error={form.formError}>
        <TextField label={t("fields.email")} type="email" autoComplete="username" required {...form.bind("email")} />
        <PasswordField label={t("fields.password")} autoComplete="current-password" required {...form.bind("password")} />
        <Button type="submit" busy={form.submitting}>
          {t("login.submit")}
        </Button>
      </Form>
      <p>
        <Link to="/zapomenute-heslo">{t("login.forgotten")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/registrace">{t("login.register")}</Link>
      </p>
    </AuthCard>
  );
}
