import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMutation } from "urql";
import { z } from "zod";
import { Button } from "../../components/Button.tsx";
import { PasswordField, Select, TextField } from "../../components/fields.tsx";
import { Form, useZodForm } from "../../components/form.tsx";
import { PageHeading } from "../../components/PageHeading.tsx";
import { useToast } from "../../components/Toast.tsx";
import { locale, newPassword, phone, requiredText, PASSWORD_MIN_LENGTH } from "../auth/schemas.ts";
import { useSession, type Viewer } from "../auth/session.tsx";
import { ChangePasswordMutation, UpdateProfileMutation } from "./operations.ts";

const profileSchema = z.object({ fullName: requiredText, phone, locale });
const changePasswordSchema = z.object({ currentPassword: z.string().min(1, "validation.required"), newPassword });

/** The citizen's own area: profile, password, sign-out. Wrapped in RequireViewer, so a viewer exists. */
export function AccountPage() {
  const { t } = useTranslation();
  const { viewer, logout } = useSession();
  if (!viewer) return null;
  return (
    <div className="flex flex-col gap-8">
      <PageHeading>{t("account.title")}</PageHeading>
      <p>
        {t("account.signedInAs", { email: viewer.email })}{" "}
        {viewer.emailVerified ? t("account.emailVerified") : t("account.emailNotVerified")}
      </p>
      <nav aria-label={t("alerts.preferences.nav")}>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          <li>
            <Link to="/muj-ucet/upozorneni">{t("alerts.preferences.nav")}</Link>
          </li>
          <li>
            <Link to="/historie-komunikace">{t("history.nav")}</Link>
          </li>
        </ul>
      </nav>
      <ProfileForm viewer={viewer} />
      <ChangePasswordForm />
      <section aria-labelledby="logout-heading" className="flex flex-col items-start gap-3">
        <h2 id="logout-heading" className="text-xl font-semibold">
          {t("account.logoutTitle")}
        </h2>
        <Button variant="secondary" onClick={() => void logout()}>
          {t("account.logout")}
        </Button>
      </section>
    </div>
  );
}

function ProfileForm({ viewer }: { viewer: Viewer }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const [, updateProfile] = useMutation(UpdateProfileMutation);
  const form = useZodForm(profileSchema, {
    fullName: viewer.fullName,
    phone: viewer.phone ?? "",
    locale: viewer.locale === "en" ? "en" : "cs",
  });

  const onSubmit = form.handleSubmit(async ({ phone, ...input }) => {
    const result = await updateProfile({ input: { ...input, phone: phone || null } });
    const answer = result.data?.updateProfile;
    if (answer?.__typename !== "UpdateProfileSuccess") return form.fail(answer ?? result.error);
    await i18n.changeLanguage(input.locale);
    toast(t("account.profileSaved"));
  });

  return (
    <section aria-labelledby="profile-heading" className="flex max-w-lg flex-col gap-4 rounded-lg border border-line bg-surface p-5">
      <h2 id="profile-heading" className="text-xl font-semibold">
        {t("account.profile")}
      </h2>
      <Form onSubmit={onSubmit} error={form.formError} label={t("account.profile")}>
        <TextField label={t("fields.fullName")} autoComplete="name" required {...form.bind("fullName")} />
        <TextField label={t("fields.phone")} hint={t("fields.phoneHint")} type="tel" autoComplete="tel" {...form.bind("phone")} />
        <Select
          label={t("fields.language")}
          options={[
            { value: "cs", label: "Čeština" },
            { value: "en", label: "English" },
          ]}
          {...form.bind("locale")}
        />
        <Button type="submit" busy={form.submitting} className="self-start">
          {t("common.save")}
        </Button>
      </Form>
    </section>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const [, changePassword] = useMutation(ChangePasswordMutation);
  const empty = { currentPassword: "", newPassword: "" };
  const form = useZodForm(changePasswordSchema, empty);

  const onSubmit = form.handleSubmit(async (input) => {
    const result = await changePassword({ input });
    const answer = result.data?.changePassword;
    if (answer?.__typename !== "ChangePasswordSuccess") return form.fail(answer ?? result.error);
    form.reset(empty);
    toast(t("account.passwordChanged"));
  });

  return (
    <section aria-labelledby="password-heading" className="flex max-w-lg flex-col gap-4 rounded-lg border border-line bg-surface p-5">
      <h2 id="password-heading" className="text-xl font-semibold">
        {t("account.changePassword")}
      </h2>
      <Form onSubmit={onSubmit} error={form.formError} label={t("account.changePassword")}>
        <PasswordField label={t("fields.currentPassword")} autoComplete="current-password" required {...form.bind("currentPassword")} />
        <PasswordField
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint", { count: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          required
          {...form.bind("newPassword")}
        />
        <Button type="submit" busy={form.submitting} className="self-start">
          {t("account.changePassword")}
        </Button>
      </Form>
    </section>
  );
}
