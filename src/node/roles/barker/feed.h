#pragma once

#include "node/roles/barker/bark.h"
#include "node/roles/fishandchips/tally.h"
#include "node/roles/role.h"

#include <QList>

namespace Portolan::Node::Barker {

// Barker's feed, the web UI's side: every bark the outboxes publish to "/barker/feed"
// lands here once (by bark id; a repeat is counted and dropped) and the newest are
// answered to readers: GET /barker/feed?limit=20 or ?user=<name> gives
// {"count", "latest", "barks": [newest first]}, count being all of the user's barks (or
// all barks) ever published. Barks are kept in the store: the newest `keep` of all are
// also in memory, and each user's newest UserRecent are listed in the user's record.
//
// Params: keep (200).
// Telemetry: barks (distinct), duplicates, users, latencyMs (posted to published, last),
// maxLatencyMs.
class FeedRole final : public Role
{
public:
    // How many of each user's newest barks a reader asking for that user can get.
    static constexpr int UserRecent = 20;

    QString name() const override;
    void start(RoleContext &context) override;
    void handle(const Wire::Envelope &message) override;
    QJsonObject telemetry() const override;

private:
    void publish(const Bark &bark);
    void answer(const Wire::Envelope &request, const QString &user, int limit);

    RoleContext *m_context = nullptr;
    int m_keep = 200;
    QList<Bark> m_recent;   // newest last
    FishAndChips::Tally m_tally;
    qint64 m_lastLatencyMs = 0;
    qint64 m_maxLatencyMs = 0;
};

} // namespace Portolan::Node::Barker
