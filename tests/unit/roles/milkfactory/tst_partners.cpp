#include "milkmessages.h"
#include "node/roles/milkfactory/partners.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
using Portolan::Node::PartnersRole;
using Portolan::Test::FakeRoleContext;

namespace {

QJsonObject partnersParams()
{
    return {{u"partners"_s, QJsonArray{QJsonObject{{u"id"_s, u"P-1"_s}, {u"name"_s, u"Alpkäserei"_s}, {u"country"_s, u"CH"_s}},
                                       QJsonObject{{u"id"_s, u"P-99"_s}, {u"country"_s, u"DE"_s}}}}};
}

Envelope relationship(const QString &partner, const QString &country, const QString &commandId = u"sale-v/select-partner"_s)
{
    return command(u"/partners/commands"_s, u"CREATE_PARTNER_RELATIONSHIP"_s, commandId, u"C-v"_s,
                   {{u"partnerId"_s, partner}, {u"role"_s, u"CONTRACT_HOLDER"_s}, {u"country"_s, country}}, "sale-v");
}

} // namespace

class TstPartners : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void partnersAreSeededOnce();
    void relationshipIsPublishedOnItsOwnAddress();
    void partnerMustComplyWithTheDraft_data();
    void partnerMustComplyWithTheDraft();
    void duplicateChangesNothing();
};

// The scenario's partners are written on the very first start and read over REST.
void TstPartners::partnersAreSeededOnce()
{
    FakeRoleContext ctx(u"partners"_s, partnersParams());
    {
        PartnersRole role;
        role.start(ctx);
        QCOMPARE(ctx.subscriptions.first().address, u"/partners"_s);
        role.handle(get(u"/partners/P-1"_s));
        QCOMPARE(lastAnswer(ctx).value("name"_L1).toString(), u"Alpkäserei"_s);
        QCOMPARE(role.telemetry().value("partners"_L1).toInt(), 2);
    }
    ctx.store().removeRecord(u"partner"_s, u"P-99"_s);   // the service's own business since
    PartnersRole again;
    again.start(ctx);
    QCOMPARE(again.telemetry().value("partners"_L1).toInt(), 1);
    again.handle(get(u"/partners/P-99"_s));
    QCOMPARE(lastStatus(ctx), 404);
}

// A relationship to an existing partner of the draft's country is stored and published on
// /partners/events under the sale's request id.
void TstPartners::relationshipIsPublishedOnItsOwnAddress()
{
    FakeRoleContext ctx(u"partners"_s, partnersParams());
    PartnersRole role;
    role.start(ctx);
    role.handle(relationship(u"P-1"_s, u"CH"_s));
    const QList<Envelope> events = published(ctx, u"/partners/events"_s, u"CREATED_PARTNER_RELATIONSHIP"_s);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().requestId, QByteArray("sale-v"));
    QCOMPARE(bodyOf(events.first()).value("partnerId"_L1).toString(), u"P-1"_s);
    QCOMPARE(bodyOf(events.first()).value("contractId"_L1).toString(), u"C-v"_s);
    QCOMPARE(lastEvent(ctx, u"partner-selected"_s).value("requestId"_L1).toString(), u"sale-v"_s);
    QCOMPARE(role.telemetry().value("relationships"_L1).toInt(), 1);
    QVERIFY(sentTo(ctx, u"/errors"_s).isEmpty());
}

void TstPartners::partnerMustComplyWithTheDraft_data()
{
    QTest::addColumn<QString>("partner");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("message");
    QTest::newRow("another country") << u"P-99"_s << u"CH"_s << u"partner P-99 is in DE, but the draft was made for CH"_s;
    QTest::newRow("no such partner") << u"P-7"_s << u"CH"_s << u"there is no partner P-7"_s;
}

// A partner that does not exist or is from another country than the draft is a validation
// error: not retryable, nothing published, the error to the originator.
void TstPartners::partnerMustComplyWithTheDraft()
{
    QFETCH(QString, partner);
    QFETCH(QString, country);
    QFETCH(QString, message);
    FakeRoleContext ctx(u"partners"_s, partnersParams());
    PartnersRole role;
    role.start(ctx);
    role.handle(relationship(partner, country));
    QVERIFY(sentTo(ctx, u"/partners/events"_s).isEmpty());
    const QList<Envelope> errors = sentTo(ctx, u"/errors"_s);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().requestId, QByteArray("sale-v"));
    const QJsonObject error = bodyOf(errors.first());
    QCOMPARE(error.value("code"_L1).toString(), u"VALIDATION"_s);
    QCOMPARE(error.value("message"_L1).toString(), message);
    QCOMPARE(error.value("service"_L1).toString(), u"partners"_s);
    QCOMPARE(error.value("originalCommand"_L1).toString(), u"CREATE_PARTNER_RELATIONSHIP"_s);
    QCOMPARE(role.telemetry().value("rejected"_L1).toInt(), 1);
}

// The same command again changes and publishes nothing.
void TstPartners::duplicateChangesNothing()
{
    FakeRoleContext ctx(u"partners"_s, partnersParams());
    PartnersRole role;
    role.start(ctx);
    role.handle(relationship(u"P-1"_s, u"CH"_s));
    role.handle(relationship(u"P-1"_s, u"CH"_s));
    QCOMPARE(sentTo(ctx, u"/partners/events"_s).size(), 1);
    QCOMPARE(eventCount(ctx, u"duplicate-command"_s), 1);
    role.handle(relationship(u"P-99"_s, u"CH"_s, u"sale-v/other"_s));
    role.handle(relationship(u"P-99"_s, u"CH"_s, u"sale-v/other"_s));
    QCOMPARE(sentTo(ctx, u"/errors"_s).size(), 1);   // refused once, not twice
}

QTEST_GUILESS_MAIN(TstPartners)
#include "tst_partners.moc"
