#pragma once

#include "node/roles/role.h"

#include <QJsonObject>
#include <QStringList>

namespace Portolan::Node {

// A management or sales service that subscribes to topics the factories send up
// ("/topics/production", "/topics/quality") and keeps count: messages per topic and per
// sending site. A monitor started mid-run sees what is published from then on; the
// first message of each topic is an event, so the console shows when it started to hear.
//
// Params: topics (required: an address or a list of them), group (consumer group: the
// members share each message; none by default, so every monitor gets its own copy).
// Events: topic-first-message (topic, from).
class TopicMonitorRole final : public Role
{
public:
    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    void save();

    RoleContext *m_context = nullptr;
    QString m_error;
    QStringList m_topics;
    QString m_group;

    // Persisted (record "monitor"/"counters").
    qint64 m_received = 0;
    QJsonObject m_byTopic;    // topic -> messages
    QJsonObject m_bySource;   // site (or sender) -> messages
    qint64 m_lastMs = 0;
};

} // namespace Portolan::Node
