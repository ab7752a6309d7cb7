#pragma once

#include "wire/envelope.h"

#include <QJsonObject>

namespace Portolan::Node::MilkFactory {

// An envelope as a JSON record in an entity's store, for services that keep a message to
// send it again later (a waiting room, pricing while it waits for the raw-cost index).
// Keeps id, request id, address, reply-to, key, headers, body, created and deadline; the
// body as text when it is UTF-8 (records always are) and base64 otherwise.
class EnvelopeRecord
{
public:
    static QJsonObject toJson(const Wire::Envelope &envelope);
    static Wire::Envelope fromJson(const QJsonObject &record);
};

} // namespace Portolan::Node::MilkFactory
