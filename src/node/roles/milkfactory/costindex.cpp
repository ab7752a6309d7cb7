#include "node/roles/milkfactory/costindex.h"

#include "node/roles/pugs/jsonvalues.h"
#include "node/roles/pugs/requestfields.h"

using namespace Qt::Literals::StringLiterals;

namespace Portolan::Node {

QString CostIndexRole::name() const
{
    return u"cost-index"_s;
}

void CostIndexRole::start(RoleContext &context)
{
    m_context = &context;
    const QJsonObject params = context.params();
    m_address = params.value(u"address"_s).toString(u"/raw-costs"_s);
    m_index = Pugs::numberOf(params.value(u"index"_s), 1.04);
    context.subscribe(m_address);
}

void CostIndexRole::handle(const Wire::Envelope &message)
{
    const Pugs::RequestFields fields(message);
    ++m_answered;
    m_context->reply(message,
                     Pugs::compactJson({{u"index"_s, m_index},
                                        {u"ref"_s, fields.value(u"ref"_s)},
                                        {u"asOfMs"_s, m_context->nowMs()}}),
                     200);
}

QJsonObject CostIndexRole::telemetry() const
{
    return {{u"index"_s, m_index}, {u"answered"_s, m_answered}};
}

} // namespace Portolan::Node
