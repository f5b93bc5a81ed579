-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'PUSH', 'SMS');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('INFO', 'WARNING', 'CRISIS');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('SCHEDULED', 'SENDING', 'SENT', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NotificationAreaKind" AS ENUM ('TOWN', 'DISTRICT', 'STREET');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('ALERT', 'PAYMENT_REMINDER', 'PAYMENT_CONFIRMATION', 'SUBMISSION_STATUS', 'PHONE_VERIFICATION');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'DEAD', 'SKIPPED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ConsentSource" AS ENUM ('PREFERENCES', 'UNSUBSCRIBE_LINK', 'PUSH_PRUNED', 'STAFF');

-- CreateEnum
CREATE TYPE "OfficialDeliveryMethod" AS ENUM ('DATA_BOX', 'POST', 'IN_PERSON');

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'email',
ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "NotificationTopic" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "nameCs" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionCs" TEXT NOT NULL DEFAULT '',
    "descriptionEn" TEXT NOT NULL DEFAULT '',
    "isCrisis" BOOLEAN NOT NULL DEFAULT false,
    "noticeCategory" "NoticeCategory",
    "position" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationArea" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kind" "NotificationAreaKind" NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" UUID,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationArea_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "status" "AlertStatus" NOT NULL,
    "titleCs" TEXT NOT NULL,
    "bodyCs" TEXT NOT NULL,
    "titleEn" TEXT,
    "bodyEn" TEXT,
    "channels" "NotificationChannel"[],
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),
    "scheduledAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelledById" UUID,
    "noticeId" UUID,
    "idempotencyKey" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertTopic" (
    "alertId" UUID NOT NULL,
    "topicId" UUID NOT NULL,

    CONSTRAINT "AlertTopic_pkey" PRIMARY KEY ("alertId","topicId")
);

-- CreateTable
CREATE TABLE "AlertArea" (
    "alertId" UUID NOT NULL,
    "areaId" UUID NOT NULL,

    CONSTRAINT "AlertArea_pkey" PRIMARY KEY ("alertId","areaId")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "topicId" UUID NOT NULL,
    "areaId" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationProfile" (
    "userId" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "smsPhone" TEXT,
    "smsPhoneVerifiedAt" TIMESTAMPTZ(3),
    "quietHoursStart" TEXT,
    "quietHoursEnd" TEXT,
    "reminderChannels" "NotificationChannel"[] DEFAULT ARRAY['EMAIL']::"NotificationChannel"[],
    "paymentChannels" "NotificationChannel"[] DEFAULT ARRAY['EMAIL']::"NotificationChannel"[],
    "submissionChannels" "NotificationChannel"[] DEFAULT ARRAY['EMAIL']::"NotificationChannel"[],
    "officialDelivery" "OfficialDeliveryMethod" NOT NULL DEFAULT 'POST',
    "officialDeliveryAddress" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationProfile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ConsentEvent" (
    "id" BIGSERIAL NOT NULL,
    "municipalityId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "topicId" UUID,
    "areaId" UUID,
    "messageKind" "MessageKind",
    "granted" BOOLEAN NOT NULL,
    "source" "ConsentSource" NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "userId" UUID,
    "alertId" UUID,
    "assessmentId" UUID,
    "paymentId" UUID,
    "submissionId" UUID,
    "severity" "AlertSeverity" NOT NULL DEFAULT 'INFO',
    "subjectCs" TEXT NOT NULL,
    "bodyCs" TEXT NOT NULL,
    "subjectEn" TEXT NOT NULL,
    "bodyEn" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "supersedesId" UUID,
    "fanoutCursor" TEXT,
    "fanoutDoneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageDelivery" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "userId" UUID,
    "channel" "NotificationChannel" NOT NULL,
    "recipientKey" TEXT NOT NULL,
    "pushSubscriptionId" UUID,
    "address" TEXT,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "notBefore" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "providerId" TEXT,
    "outboxMessageId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MessageDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushSubscription" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "userAgent" TEXT,
    "expiresAt" TIMESTAMPTZ(3),
    "lastSuccessAt" TIMESTAMPTZ(3),
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VapidKeyPair" (
    "municipalityId" UUID NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VapidKeyPair_pkey" PRIMARY KEY ("municipalityId")
);

-- CreateTable
CREATE TABLE "PhoneVerification" (
    "id" UUID NOT NULL,
    "municipalityId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "phone" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "ip" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhoneVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "municipalityId" UUID NOT NULL,
    "remindersEnabled" BOOLEAN NOT NULL DEFAULT true,
    "reminderOffsetsDays" INTEGER[] DEFAULT ARRAY[-14, -3, 7]::INTEGER[],
    "reminderSendHour" INTEGER NOT NULL DEFAULT 8,
    "reminderLateWindowDays" INTEGER NOT NULL DEFAULT 3,
    "reminderMaxOverdueDays" INTEGER NOT NULL DEFAULT 60,
    "paymentConfirmationsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "quietHoursStart" TEXT NOT NULL DEFAULT '21:00',
    "quietHoursEnd" TEXT NOT NULL DEFAULT '07:00',
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("municipalityId")
);

-- CreateIndex
CREATE INDEX "NotificationTopic_municipalityId_position_idx" ON "NotificationTopic"("municipalityId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationTopic_municipalityId_code_key" ON "NotificationTopic"("municipalityId", "code");

-- CreateIndex
CREATE INDEX "NotificationArea_municipalityId_kind_name_idx" ON "NotificationArea"("municipalityId", "kind", "name");

-- CreateIndex
CREATE INDEX "NotificationArea_parentId_idx" ON "NotificationArea"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationArea_municipalityId_code_key" ON "NotificationArea"("municipalityId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_noticeId_key" ON "Alert"("noticeId");

-- CreateIndex
CREATE INDEX "Alert_municipalityId_status_publishedAt_idx" ON "Alert"("municipalityId", "status", "publishedAt");

-- CreateIndex
CREATE INDEX "Alert_municipalityId_severity_validFrom_idx" ON "Alert"("municipalityId", "severity", "validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_municipalityId_idempotencyKey_key" ON "Alert"("municipalityId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "AlertTopic_topicId_idx" ON "AlertTopic"("topicId");

-- CreateIndex
CREATE INDEX "AlertArea_areaId_idx" ON "AlertArea"("areaId");

-- CreateIndex
CREATE INDEX "NotificationPreference_topicId_areaId_channel_idx" ON "NotificationPreference"("topicId", "areaId", "channel");

-- CreateIndex
CREATE INDEX "NotificationPreference_municipalityId_channel_idx" ON "NotificationPreference"("municipalityId", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationPreference_userId_topicId_areaId_channel_key" ON "NotificationPreference"("userId", "topicId", "areaId", "channel");

-- CreateIndex
CREATE INDEX "NotificationProfile_municipalityId_idx" ON "NotificationProfile"("municipalityId");

-- CreateIndex
CREATE INDEX "ConsentEvent_userId_createdAt_idx" ON "ConsentEvent"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ConsentEvent_municipalityId_createdAt_idx" ON "ConsentEvent"("municipalityId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_alertId_key" ON "Message"("alertId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_supersedesId_key" ON "Message"("supersedesId");

-- CreateIndex
CREATE INDEX "Message_userId_createdAt_idx" ON "Message"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Message_assessmentId_idx" ON "Message"("assessmentId");

-- CreateIndex
CREATE INDEX "Message_municipalityId_kind_createdAt_idx" ON "Message"("municipalityId", "kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_municipalityId_dedupKey_key" ON "Message"("municipalityId", "dedupKey");

-- CreateIndex
CREATE UNIQUE INDEX "MessageDelivery_outboxMessageId_key" ON "MessageDelivery"("outboxMessageId");

-- CreateIndex
CREATE INDEX "MessageDelivery_userId_createdAt_idx" ON "MessageDelivery"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "MessageDelivery_municipalityId_status_idx" ON "MessageDelivery"("municipalityId", "status");

-- CreateIndex
CREATE INDEX "MessageDelivery_messageId_status_idx" ON "MessageDelivery"("messageId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "MessageDelivery_messageId_channel_recipientKey_key" ON "MessageDelivery"("messageId", "channel", "recipientKey");

-- CreateIndex
CREATE UNIQUE INDEX "PushSubscription_endpoint_key" ON "PushSubscription"("endpoint");

-- CreateIndex
CREATE INDEX "PushSubscription_userId_idx" ON "PushSubscription"("userId");

-- CreateIndex
CREATE INDEX "PushSubscription_municipalityId_idx" ON "PushSubscription"("municipalityId");

-- CreateIndex
CREATE INDEX "PhoneVerification_userId_createdAt_idx" ON "PhoneVerification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "PhoneVerification_phone_createdAt_idx" ON "PhoneVerification"("phone", "createdAt");

-- AddForeignKey
ALTER TABLE "NotificationTopic" ADD CONSTRAINT "NotificationTopic_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationArea" ADD CONSTRAINT "NotificationArea_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationArea" ADD CONSTRAINT "NotificationArea_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "NotificationArea"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertTopic" ADD CONSTRAINT "AlertTopic_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertTopic" ADD CONSTRAINT "AlertTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "NotificationTopic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertArea" ADD CONSTRAINT "AlertArea_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertArea" ADD CONSTRAINT "AlertArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "NotificationArea"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "NotificationTopic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "NotificationArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationProfile" ADD CONSTRAINT "NotificationProfile_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationProfile" ADD CONSTRAINT "NotificationProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentEvent" ADD CONSTRAINT "ConsentEvent_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "Message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_pushSubscriptionId_fkey" FOREIGN KEY ("pushSubscriptionId") REFERENCES "PushSubscription"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageDelivery" ADD CONSTRAINT "MessageDelivery_outboxMessageId_fkey" FOREIGN KEY ("outboxMessageId") REFERENCES "OutboxMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VapidKeyPair" ADD CONSTRAINT "VapidKeyPair_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneVerification" ADD CONSTRAINT "PhoneVerification_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhoneVerification" ADD CONSTRAINT "PhoneVerification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationSettings" ADD CONSTRAINT "NotificationSettings_municipalityId_fkey" FOREIGN KEY ("municipalityId") REFERENCES "Municipality"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the consent history is evidence, append-only like the audit log. A withdrawal is a new
-- row, never an update; rows stay when the account is deleted (no foreign key to "User").
CREATE TRIGGER "ConsentEvent_append_only"
  BEFORE UPDATE OR DELETE ON "ConsentEvent"
  FOR EACH ROW EXECUTE FUNCTION "evidence_is_append_only"();

CREATE TRIGGER "ConsentEvent_no_truncate"
  BEFORE TRUNCATE ON "ConsentEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "evidence_is_append_only"();
