// Writes the seed corpus for fuzz_framedecoder: one file per frame type (each a valid
// stream prefixed with the chunk-size byte the fuzzer reads first), and one stream
// holding them all. Usage: fuzz_framedecoder_seeds <directory>

#include "wire/framecodec.h"

#include <QDir>
#include <QFile>
#include <QList>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace Portolan::Wire;

namespace {

QList<std::pair<QString, Frame>> samples()
{
    MessageFrame message;
    message.originRouter = u"edge-1"_s;
    message.destinations = {{u"r2"_s, u"store-3"_s}, {u"r3"_s, u"store-4"_s}};
    message.envelope.id = "m-1";
    message.envelope.requestId = "req-1";
    message.envelope.address = u"/all-stores/inventory"_s;
    message.envelope.replyTo = u"/store/32"_s;
    message.envelope.key = u"plaice"_s;
    message.envelope.headers = {{u"Content-Type"_s, u"application/json"_s}};
    message.envelope.body = "{\"item\":\"cutlass\"}";
    message.envelope.createdMs = 1'732'000'000'000;
    message.envelope.deadlineMs = 1'732'000'000'500;
    message.envelope.hops = 2;
    message.envelope.trace = true;
    message.envelope.path = {u"edge-1"_s, u"r1"_s};

    return {
        {u"hello"_s, Hello{u"r1"_s, NodeKind::Interior, LinkProtocolVersion, u"0.1.0"_s, 100, 1, u"cheap"_s}},
        {u"linkstate"_s, LinkStateUpdate{u"r1"_s, 7, {{u"r2"_s, 3, u"cheap"_s, false}, {u"e1"_s, 1, {}, true}}, false}},
        {u"advert"_s, AddressAdvert{u"r2"_s, 4, {{u"/factories"_s, u"makers"_s, u"factory-1"_s, 2, 8}}}},
        {u"message"_s, message},
        {u"ack"_s, Ack{QByteArray("m-1"), u"store-3"_s, u"r1"_s, AckStatus::Accepted}},
    };
}

bool write(const QDir &dir, const QString &name, const QByteArray &stream)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    // 0xFF: read the stream in chunks of 256 bytes, i.e. mostly whole.
    return file.write(QByteArray(1, char(0xFF)) + stream) == stream.size() + 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <directory>\n", argv[0]);
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.mkpath(u"."_s)) {
        std::fprintf(stderr, "cannot create %s\n", argv[1]);
        return 1;
    }
    QByteArray all;
    const auto frames = samples();
    for (const auto &[name, frame] : frames) {
        const QByteArray bytes = encodeFrame(frame);
        all += bytes;
        if (!write(dir, name, bytes))
            return 1;
    }
    return write(dir, u"all"_s, all) ? 0 : 1;
}
