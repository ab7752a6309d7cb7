#pragma once

#include "wire/envelope.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrlQuery>

namespace Portolan::Node::Pugs {

// The parts of a request or answer the Pirate Pugs roles read, decoded once: the path
// (address without a query), the query string (header "Query", as the HTTP ingress passes
// it, or a "?..." written into the address), the JSON body, and the Method / Status headers.
class RequestFields
{
public:
    explicit RequestFields(const Wire::Envelope &message);

    const QString &path() const { return m_path; }
    const QJsonObject &body() const { return m_body; }
    const QString &method() const { return m_method; }   // upper case; empty when absent
    int status() const { return m_status; }              // header "Status"; 200 when absent

    // A field by name: the query string first (explicit URL parameters win), then the
    // JSON body. Undefined when neither has it.
    QJsonValue value(const QString &name) const;
    // The same as text: strings as they are, integral numbers in decimal.
    QString text(const QString &name) const;

    // True for a request that may change state: POST or PUT, or no Method at all (entities
    // talking to each other leave it out). A GET must not hold or deliver anything.
    bool isWrite() const;

    // "name=value" percent-encoded, for header "Query" of requests the roles send.
    static QString queryString(const QString &name, const QString &value);

private:
    QString m_path;
    QUrlQuery m_query;
    QJsonObject m_body;
    QString m_method;
    int m_status = 200;
};

} // namespace Portolan::Node::Pugs
