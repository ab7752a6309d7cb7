#include "wire/envelope.h"

namespace Portolan::Wire {

QString Envelope::header(QStringView name) const
{
    for (const Header &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void Envelope::setHeader(const QString &name, const QString &value)
{
    for (Header &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

} // namespace Portolan::Wire
