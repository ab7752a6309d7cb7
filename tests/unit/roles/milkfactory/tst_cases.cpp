#include "milkmessages.h"
#include "node/roles/milkfactory/cases.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Test::Milk;
using Portolan::Node::CasesRole;
using Portolan::Test::FakeRoleContext;

namespace {

Envelope createCase(const QString &commandId = u"sale-b/approval"_s)
{
    return command(u"/cases/commands"_s, u"CREATE_CASE"_s, commandId, u"C-b"_s,
                   {{u"caseId"_s, u"C-b"_s}, {u"kind"_s, u"APPROVAL"_s}, {u"task"_s, u"sign off"_s}}, "sale-b");
}

Envelope updateTask(const QString &decision, const QString &commandId = u"ui-1"_s)
{
    return command(u"/cases/commands"_s, u"UPDATE_TASK"_s, commandId, u"C-b"_s,
                   {{u"caseId"_s, u"C-b"_s}, {u"decision"_s, decision}}, "ui-1");
}

QStringList caseStates(const FakeRoleContext &ctx)
{
    QStringList states;
    const QList<Envelope> events = published(ctx, u"/cases/events"_s, u"CHANGED_CASE"_s);
    for (const Envelope &e : events)
        states.append(bodyOf(e).value("state"_L1).toString() + u'/' + bodyOf(e).value("decision"_L1).toString());
    return states;
}

} // namespace

class TstCases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void personDecidesAfterHumanMs();
    void taskUpdateDecides_data();
    void taskUpdateDecides();
    void caseOpenedAgainIsToldAgain();
    void restartedServiceKeepsOpenCases();
};

// A case opens at once (CHANGED_CASE OPEN); humanMs later the person signs it off, under
// the request id of the command that opened it.
void TstCases::personDecidesAfterHumanMs()
{
    FakeRoleContext ctx(u"cases"_s, {{u"humanMs"_s, 1500}});
    CasesRole role;
    role.start(ctx);
    const qint64 t0 = ctx.now;
    role.handle(createCase());
    QCOMPARE(caseStates(ctx), QStringList{u"OPEN/"_s});
    QCOMPARE(published(ctx, u"/cases/events"_s, u"CHANGED_CASE"_s).first().requestId, QByteArray("sale-b"));
    role.tick(t0 + 1499);
    QCOMPARE(caseStates(ctx).size(), 1);
    ctx.now = t0 + 1500;
    role.tick(ctx.now);
    QCOMPARE(caseStates(ctx), (QStringList{u"OPEN/"_s, u"DONE/APPROVED"_s}));
    const QList<Envelope> events = published(ctx, u"/cases/events"_s, u"CHANGED_CASE"_s);
    QCOMPARE(events.last().requestId, QByteArray("sale-b"));
    QCOMPARE(bodyOf(events.last()).value("decidedBy"_L1).toString(), u"human"_s);
    QCOMPARE(role.telemetry().value("open"_L1).toInt(), 0);
    QCOMPARE(role.telemetry().value("decided"_L1).toInt(), 1);
    role.tick(ctx.now + 5000);
    QCOMPARE(caseStates(ctx).size(), 2);
}

void TstCases::taskUpdateDecides_data()
{
    QTest::addColumn<QString>("decision");
    QTest::newRow("approved") << u"APPROVED"_s;
    QTest::newRow("rejected") << u"REJECTED"_s;
}

// With no simulated person (humanMs 0), UPDATE_TASK decides; a decided case or an unknown
// one cannot be decided (again).
void TstCases::taskUpdateDecides()
{
    QFETCH(QString, decision);
    FakeRoleContext ctx(u"cases"_s, {{u"humanMs"_s, 0}});
    CasesRole role;
    role.start(ctx);
    role.handle(createCase());
    role.tick(ctx.now + 60'000);
    QCOMPARE(caseStates(ctx).size(), 1);
    role.handle(updateTask(decision));
    QCOMPARE(caseStates(ctx).last(), u"DONE/"_s + decision);
    role.handle(updateTask(u"APPROVED"_s, u"ui-2"_s));
    QCOMPARE(bodyOf(sentTo(ctx, u"/errors"_s).last()).value("code"_L1).toString(), u"ILLEGAL_STATE"_s);
    Envelope unknown = updateTask(u"APPROVED"_s, u"ui-3"_s);
    unknown.body = QJsonDocument(QJsonObject{{u"command"_s, u"UPDATE_TASK"_s}, {u"commandId"_s, u"ui-3"_s},
                                             {u"caseId"_s, u"C-zz"_s}, {u"contractId"_s, u"C-zz"_s}})
                       .toJson(QJsonDocument::Compact);
    role.handle(unknown);
    QCOMPARE(bodyOf(sentTo(ctx, u"/errors"_s).last()).value("code"_L1).toString(), u"NOT_FOUND"_s);
}

// Opening a case that exists (another command) updates rather than inserts: no second
// case, the case is told again as it is; the same command again changes nothing.
void TstCases::caseOpenedAgainIsToldAgain()
{
    FakeRoleContext ctx(u"cases"_s, {{u"humanMs"_s, 1500}});
    CasesRole role;
    role.start(ctx);
    role.handle(createCase());
    role.handle(createCase());
    QCOMPARE(caseStates(ctx).size(), 1);
    QCOMPARE(eventCount(ctx, u"duplicate-command"_s), 1);
    role.handle(createCase(u"sale-b/approval-again"_s));
    QCOMPARE(caseStates(ctx), (QStringList{u"OPEN/"_s, u"OPEN/"_s}));
    QCOMPARE(role.telemetry().value("cases"_L1).toInt(), 1);
}

// Open cases are in the service's database: a restarted service still has the person
// decide them.
void TstCases::restartedServiceKeepsOpenCases()
{
    FakeRoleContext ctx(u"cases"_s, {{u"humanMs"_s, 1500}});
    const qint64 t0 = ctx.now;
    {
        CasesRole before;
        before.start(ctx);
        before.handle(createCase());
    }
    CasesRole after;
    after.start(ctx);
    QCOMPARE(after.telemetry().value("open"_L1).toInt(), 1);
    after.tick(t0 + 1500);
    QCOMPARE(caseStates(ctx).last(), u"DONE/APPROVED"_s);
}

QTEST_GUILESS_MAIN(TstCases)
#include "tst_cases.moc"
