#include "scenario/runrecord.h"

namespace Portolan::Scenario {

const RequestRecord *RunRecord::request(const QString &name) const
{
    for (const RequestRecord &r : requests) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

} // namespace Portolan::Scenario
