// Shared by the accounts-*.test.ts files: the operations as the PWA sends them, and reading
// e-mails from the outbox table the way a person reads their inbox.
import type { TestApp } from "../kit/app.ts";

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      __typename
      ... on RegisterSuccess {
        ok
        email
      }
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
      ... on Error {
        message
        code
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const VERIFY_EMAIL = /* GraphQL */ `
  mutation VerifyEmail($input: VerifyEmailInput!) {
    verifyEmail(input: $input) {
      __typename
      ... on VerifyEmailSuccess {
        user {
          id
          email
          emailVerified
        }
      }
      ... on Error {
        message
        code
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on LoginSuccess {
        user {
          id
          email
          fullName
          role
          agendas
          emailVerified
        }
      }
      ... on Error {
        message
        code
      }
      ... on TooManyAttemptsError {
        retryAfterSeconds
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const LOGOUT = /* GraphQL */ `
  mutation Logout {
    logout {
      __typename
      ... on LogoutSuccess {
        ok
      }
    }
  }
`;

export const VIEWER = /* GraphQL */ `
  query Viewer {
    viewer {
      id
      email
      fullName
      phone
      locale
      role
      agendas
      emailVerified
      disabled
      createdAt
    }
  }
`;

export const REQUEST_RESET = /* GraphQL */ `
  mutation RequestPasswordReset($input: RequestPasswordResetInput!) {
    requestPasswordReset(input: $input) {
      __typename
      ... on RequestPasswordResetSuccess {
        ok
      }
      ... on TooManyAttemptsError {
        message
        retryAfterSeconds
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const RESET_PASSWORD = /* GraphQL */ `
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      __typename
      ... on ResetPasswordSuccess {
        ok
      }
      ... on Error {
        message
        code
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const CHANGE_PASSWORD = /* GraphQL */ `
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      __typename
      ... on ChangePasswordSuccess {
        ok
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const UPDATE_PROFILE = /* GraphQL */ `
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      __typename
      ... on UpdateProfileSuccess {
        user {
          id
          fullName
          phone
          locale
        }
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const CREATE_CLERK = /* GraphQL */ `
  mutation CreateClerk($input: CreateClerkInput!) {
    createClerk(input: $input) {
      __typename
      ... on CreateClerkSuccess {
        user {
          id
          email
          fullName
          role
          agendas
          emailVerified
          disabled
        }
      }
      ... on Error {
        message
        code
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const UPDATE_CLERK = /* GraphQL */ `
  mutation UpdateClerk($input: UpdateClerkInput!) {
    updateClerk(input: $input) {
      __typename
      ... on UpdateClerkSuccess {
        user {
          id
          role
          agendas
          disabled
        }
      }
      ... on Error {
        message
        code
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const CREATE_API_TOKEN = /* GraphQL */ `
  mutation CreateApiToken($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on CreateApiTokenSuccess {
        token
        apiToken {
          id
          name
          prefix
          scopes
          createdAt
          lastUsedAt
          expiresAt
          revokedAt
        }
      }
      ... on ValidationError {
        fieldErrors {
          path
          code
          message
        }
      }
    }
  }
`;

export const REVOKE_API_TOKEN = /* GraphQL */ `
  mutation RevokeApiToken($input: RevokeApiTokenInput!) {
    revokeApiToken(input: $input) {
      __typename
      ... on RevokeApiTokenSuccess {
        apiToken {
          id
          revokedAt
        }
      }
      ... on Error {
        message
        code
      }
    }
  }
`;

/**
 * The newest e-mail to an address, straight from the outbox table (as an inbox would show it), after
 * the queued jobs have run (e-mail is sent by a job, not by the request).
 */
export async function latestMail(app: TestApp, to: string) {
  await app.jobs.drain();
  const message = await app.database.prisma.outboxMessage.findFirst({
    where: { toAddress: to },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!message) throw new Error(`no e-mail to ${to}`);
  return message;
}

export async function mailCount(app: TestApp, to: string): Promise<number> {
  await app.jobs.drain();
  return app.database.prisma.outboxMessage.count({ where: { toAddress: to } });
}

/** The link in an e-mail's text (the first one pointing at `pathname`), parsed. */
export function linkIn(text: string, pathname: string): URL {
  const match = text
    .match(/https?:\/\/\S+/g)
    ?.map((raw) => new URL(raw))
    .find((url) => url.pathname === pathname);
  if (!match) throw new Error(`no ${pathname} link in:\n${text}`);
  return match;
}

export function tokenIn(text: string, pathname: string): string {
  const token = linkIn(text, pathname).searchParams.get("token");
  if (!token) throw new Error(`the ${pathname} link has no token`);
  return token;
}

export const STRONG_PASSWORD = "Zeleny-kopec-u-reky-42";
