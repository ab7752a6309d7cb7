#include "node/roles/pugs/requestfields.h"

#include <QJsonDocument>
#include <QUrl>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node::Pugs {

RequestFields::RequestFields(const Wire::Envelope &message)
{
    QString query = message.header(u"Query");
    const qsizetype mark = message.address.indexOf(u'?');
    if (mark >= 0) {
        m_path = message.address.left(mark);
        if (query.isEmpty())
            query = message.address.mid(mark + 1);
    } else {
        m_path = message.address;
    }
    // HTML forms and curl --data-urlencode write spaces as '+'; QUrlQuery does not decode
    // them, and a literal plus arrives as %2B, so the replacement is safe.
    query.replace(u'+', u"%20"_s);
    m_query.setQuery(query);

    if (!message.body.isEmpty()) {
        const QJsonDocument document = QJsonDocument::fromJson(message.body);
        if (document.isObject())
            m_body = document.object();
    }
    m_method = message.header(u"Method").trimmed().toUpper();
    bool ok = false;
    const int status = message.header(u"Status").toInt(&ok);
    if (ok)
        m_status = status;
}

QJsonValue RequestFields::value(const QString &name) const
{
    if (m_query.hasQueryItem(name))
        return m_query.queryItemValue(name, QUrl::FullyDecoded);
    return m_body.value(name);
}

QString RequestFields::text(const QString &name) const
{
    const QJsonValue found = value(name);
    if (found.isString())
        return found.toString();
    if (found.isDouble()) {
        const double number = found.toDouble();
        if (std::isfinite(number) && number == std::floor(number) && std::abs(number) < 9.0e15)
            return QString::number(qint64(number));
        return QString::number(number);
    }
    return {};
}

bool RequestFields::isWrite() const
{
    return m_method.isEmpty() || m_method == u"POST" || m_method == u"PUT";
}

QString RequestFields::queryString(const QString &name, const QString &value)
{
    QUrlQuery query;
    query.addQueryItem(name, value);
    // A literal plus must not read back as a space (see the constructor).
    return query.toString(QUrl::FullyEncoded).replace(u'+', u"%2B"_s);
}

} // namespace Portolan::Node::Pugs
