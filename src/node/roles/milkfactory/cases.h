#pragma once

#include "node/roles/milkfactory/commandledger.h"
#include "node/roles/role.h"

#include <QHash>
#include <QJsonObject>

namespace Portolan::Node {

// The cases service of the Milk Factory (seed 004): human workflow. A case holds one task
// for a person, e.g. signing off a contract over the credit limit. Loosely coupled, it
// takes commands on "/cases/commands" and publishes CHANGED_CASE on "/cases/events".
//
// CREATE_CASE {caseId, contractId, kind, task} opens a case (an upsert: a case that exists
// is published as it is); UPDATE_TASK {caseId, decision} is the person's decision. With
// humanMs > 0 the service plays the person too: humanMs after a case opens, its task is
// decided with the configured decision. Cases are in the service's own database.
//
// Serves GET /cases/<id> and GET /cases.
//
// Params: humanMs (1500; 0 = tasks wait for UPDATE_TASK), decision ("APPROVED").
class CasesRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    void tick(qint64 nowMs) override;
    QJsonObject telemetry() const override;

private:
    void createCase(const MilkFactory::BusRecord &record);
    void updateTask(const MilkFactory::BusRecord &record);
    void decide(QJsonObject kase, const QString &decision, const QString &by);
    void publish(const QJsonObject &kase, const QString &originalCommand);

    RoleContext *m_context = nullptr;
    MilkFactory::CommandLedger m_ledger;
    qint64 m_humanMs = 1500;
    QString m_decision = QStringLiteral("APPROVED");
    QHash<QString, QJsonObject> m_open;   // open cases by id
    qint64 m_cases = 0;
    qint64 m_decided = 0;
};

} // namespace Portolan::Node
