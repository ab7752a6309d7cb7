// bench_nats: the peer a user would otherwise pick, on the same machine and payload.
//
// Starts a 2-server nats-server cluster on loopback (s1 and s2, joined by a route), and
// with the C client (libnats) measures, with 256-byte payloads:
//   pub/sub:       a publisher on s1 sends as fast as it can to a subscriber on s2;
//   request-reply: a requester on s1 keeps a window of requests in flight (1,000 by
//                  default) to a responder on s2 that answers each with an empty reply
//                  (an acknowledgement), and once more with a single request in flight
//                  for the round-trip time.
// Both cross the route between the servers, as Portolan's benchmark crosses two routers.
// Given Portolan's acked rate (--portolan, from bench_throughput), prints the ratio.

#include "supervisor/portallocator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>

#include <nats/nats.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <semaphore>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace {

using Clock = std::chrono::steady_clock;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

// One nats-server process; killed with the benchmark.
class NatsServer
{
public:
    NatsServer(const QString &program, const QString &name, quint16 clientPort, quint16 clusterPort,
               quint16 routePort)
    {
        m_process.setProgram(program);
        m_process.setArguments({u"-a"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(clientPort), u"-n"_s, name,
                                u"--cluster_name"_s, u"bench"_s, u"--cluster"_s,
                                u"nats://127.0.0.1:%1"_s.arg(clusterPort), u"--routes"_s,
                                u"nats://127.0.0.1:%1"_s.arg(routePort)});
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        m_process.start();
    }
    ~NatsServer()
    {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
    bool started() { return m_process.waitForStarted(5000); }

private:
    QProcess m_process;
};

// sendAsap: every publish is written at once instead of by the client's flusher thread
// (right for one request in flight, wrong for throughput).
natsConnection *connectWithRetry(quint16 port, bool sendAsap = false)
{
    const std::string url = "nats://127.0.0.1:" + std::to_string(port);
    natsOptions *options = nullptr;
    if (natsOptions_Create(&options) != NATS_OK)
        return nullptr;
    natsOptions_SetURL(options, url.c_str());
    natsOptions_SetSendAsap(options, sendAsap);
    natsConnection *nc = nullptr;
    for (int attempt = 0; attempt < 100 && !nc; ++attempt) {
        if (natsConnection_Connect(&nc, options) != NATS_OK) {
            nc = nullptr;
            QThread::msleep(50);
        }
    }
    natsOptions_Destroy(options);
    return nc;
}

struct Counter
{
    std::atomic<qint64> received{0};
    std::atomic<qint64> lastNs{0};
};

void countMessage(natsConnection *, natsSubscription *, natsMsg *msg, void *closure)
{
    auto *counter = static_cast<Counter *>(closure);
    counter->lastNs.store(nowNs(), std::memory_order_relaxed);
    counter->received.fetch_add(1, std::memory_order_release);
    natsMsg_Destroy(msg);
}

// Waits until the route carries subject's interest from s2 to s1: publishes probes on nc1
// until the subscriber counted one. Resets the counter afterwards.
bool waitForInterest(natsConnection *nc1, const char *subject, Counter &counter)
{
    for (int attempt = 0; attempt < 200; ++attempt) {
        natsConnection_PublishString(nc1, subject, "probe");
        natsConnection_Flush(nc1);
        QThread::msleep(25);
        if (counter.received.load() > 0) {
            QThread::msleep(100);
            counter.received.store(0);
            return true;
        }
    }
    return false;
}

struct PubSubResult
{
    double rate = 0;
    qint64 received = 0;
    qint64 dropped = 0;
};

PubSubResult pubSub(natsConnection *nc1, natsConnection *nc2, qint64 messages, const std::vector<char> &body)
{
    PubSubResult result;
    Counter counter;
    natsSubscription *sub = nullptr;
    if (natsConnection_Subscribe(&sub, nc2, "bench.ps", countMessage, &counter) != NATS_OK)
        return result;
    natsSubscription_SetPendingLimits(sub, -1, -1);
    natsConnection_Flush(nc2);
    if (!waitForInterest(nc1, "bench.ps", counter)) {
        natsSubscription_Destroy(sub);
        return result;
    }
    const qint64 start = nowNs();
    for (qint64 i = 0; i < messages; ++i)
        natsConnection_Publish(nc1, "bench.ps", body.data(), int(body.size()));
    natsConnection_FlushTimeout(nc1, 60000);
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    qint64 seen = -1;
    while (counter.received.load() < messages && Clock::now() < deadline) {
        // Stop waiting once nothing has arrived for a second (a dropped slow consumer).
        QThread::msleep(1000);
        const qint64 now = counter.received.load();
        if (now == seen)
            break;
        seen = now;
    }
    result.received = counter.received.load(std::memory_order_acquire);
    int64_t dropped = 0;
    natsSubscription_GetDropped(sub, &dropped);
    result.dropped = dropped;
    const qint64 last = counter.lastNs.load();
    if (last > start)
        result.rate = double(result.received) * 1e9 / double(last - start);
    natsSubscription_Unsubscribe(sub);
    natsSubscription_Destroy(sub);
    return result;
}

// Requests in flight are bounded by a semaphore; replies come back on one wildcard inbox
// whose last token is the request's number, which indexes its send time.
struct RequestState
{
    explicit RequestState(qint64 requests, std::ptrdiff_t window)
        : sentNs(size_t(requests), 0)
        , latencyNs(size_t(requests), -1)
        , slots(window)
    {
    }
    std::vector<qint64> sentNs;
    std::vector<qint64> latencyNs;
    std::counting_semaphore<1 << 20> slots;
    std::atomic<qint64> completed{0};
    std::atomic<qint64> lastNs{0};
};

void respond(natsConnection *nc, natsSubscription *, natsMsg *msg, void *)
{
    if (const char *reply = natsMsg_GetReply(msg))
        natsConnection_Publish(nc, reply, nullptr, 0);
    natsMsg_Destroy(msg);
}

void takeReply(natsConnection *, natsSubscription *, natsMsg *msg, void *closure)
{
    auto *state = static_cast<RequestState *>(closure);
    const qint64 now = nowNs();
    const char *subject = natsMsg_GetSubject(msg);
    const char *dot = std::strrchr(subject, '.');
    const qint64 n = dot ? std::strtoll(dot + 1, nullptr, 10) : -1;
    if (n >= 0 && n < qint64(state->sentNs.size()))
        state->latencyNs[size_t(n)] = now - state->sentNs[size_t(n)];
    state->lastNs.store(now, std::memory_order_relaxed);
    state->completed.fetch_add(1, std::memory_order_release);
    natsMsg_Destroy(msg);
    state->slots.release();
}

struct RequestResult
{
    double rate = 0;
    qint64 completed = 0;
    double p50Us = 0;
    double p99Us = 0;
};

RequestResult requestReply(natsConnection *nc1, natsConnection *nc2, qint64 requests, int window,
                           const std::vector<char> &body)
{
    RequestResult result;
    auto state = std::make_unique<RequestState>(requests, window);
    natsSubscription *responder = nullptr;
    natsSubscription *inbox = nullptr;
    if (natsConnection_Subscribe(&responder, nc2, "bench.rr", respond, nullptr) != NATS_OK
        || natsConnection_Subscribe(&inbox, nc1, "_INBOX.bench.*", takeReply, state.get()) != NATS_OK)
        return result;
    natsSubscription_SetPendingLimits(responder, -1, -1);
    natsSubscription_SetPendingLimits(inbox, -1, -1);
    natsConnection_Flush(nc2);
    natsConnection_Flush(nc1);
    // Interest for bench.rr must have crossed the route before the first request.
    Counter probeCounter;
    natsSubscription *probe = nullptr;
    natsConnection_Subscribe(&probe, nc2, "bench.rr.ready", countMessage, &probeCounter);
    natsConnection_Flush(nc2);
    const bool ready = waitForInterest(nc1, "bench.rr.ready", probeCounter);
    natsSubscription_Destroy(probe);
    if (!ready)
        return result;

    char reply[64];
    const qint64 start = nowNs();
    for (qint64 i = 0; i < requests; ++i) {
        state->slots.acquire();
        std::snprintf(reply, sizeof reply, "_INBOX.bench.%lld", static_cast<long long>(i));
        state->sentNs[size_t(i)] = nowNs();
        natsConnection_PublishRequest(nc1, "bench.rr", reply, body.data(), int(body.size()));
    }
    natsConnection_FlushTimeout(nc1, 60000);
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (state->completed.load() < requests && Clock::now() < deadline)
        QThread::msleep(5);
    result.completed = state->completed.load(std::memory_order_acquire);
    const qint64 last = state->lastNs.load();
    if (last > start)
        result.rate = double(result.completed) * 1e9 / double(last - start);
    std::vector<qint64> latencies;
    latencies.reserve(size_t(result.completed));
    for (const qint64 l : state->latencyNs) {
        if (l >= 0)
            latencies.push_back(l);
    }
    if (!latencies.empty()) {
        std::sort(latencies.begin(), latencies.end());
        auto at = [&](double p) {
            const size_t rank = std::clamp<size_t>(size_t(std::ceil(p / 100.0 * double(latencies.size()))), 1,
                                                   latencies.size());
            return double(latencies[rank - 1]) / 1000.0;
        };
        result.p50Us = at(50);
        result.p99Us = at(99);
    }
    natsSubscription_Unsubscribe(inbox);
    natsSubscription_Unsubscribe(responder);
    natsSubscription_Destroy(inbox);
    natsSubscription_Destroy(responder);
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_nats"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"256-byte pub/sub and request-reply on a 2-server nats-server cluster."_s);
    parser.addHelpOption();
    const QCommandLineOption messagesOption(u"messages"_s, u"Pub/sub messages (default 1000000)."_s, u"n"_s);
    const QCommandLineOption requestsOption(u"requests"_s, u"Requests with the window in flight (default 1000000)."_s, u"n"_s);
    const QCommandLineOption windowOption(u"in-flight"_s, u"Requests in flight (default 1000)."_s, u"n"_s);
    const QCommandLineOption bodyOption(u"body-bytes"_s, u"Payload size (default 256)."_s, u"bytes"_s);
    const QCommandLineOption portolanOption(u"portolan"_s, u"Portolan's acked msg/s (the rate bench_throughput sustained) for the ratio."_s, u"rate"_s);
    const QCommandLineOption serverOption(u"nats-server"_s, u"The nats-server binary (default: found on PATH or in /usr/sbin)."_s, u"path"_s);
    parser.addOptions({messagesOption, requestsOption, windowOption, bodyOption, portolanOption, serverOption});
    parser.process(app);
    auto positive = [&](const QCommandLineOption &option, qint64 fallback) {
        if (!parser.isSet(option))
            return fallback;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        return ok && value > 0 ? value : -1;
    };
    const qint64 messages = positive(messagesOption, 1000000);
    const qint64 requests = positive(requestsOption, 1000000);
    const qint64 window = positive(windowOption, 1000);
    const qint64 bodyBytes = positive(bodyOption, 256);
    if (messages < 0 || requests < 0 || window < 0 || window > (1 << 20) || bodyBytes < 0) {
        QTextStream(stderr) << "bench_nats: counts and sizes must be positive integers\n";
        return 2;
    }
    QString server = parser.value(serverOption);
    if (server.isEmpty())
        server = QStandardPaths::findExecutable(u"nats-server"_s);
    if (server.isEmpty())
        server = QStandardPaths::findExecutable(u"nats-server"_s, {u"/usr/sbin"_s, u"/usr/local/sbin"_s});
    if (server.isEmpty()) {
        QTextStream(stderr) << "bench_nats: nats-server not found (Debian: apt-get install nats-server)\n";
        return 2;
    }

    Portolan::Supervisor::PortAllocator ports;
    const quint16 client1 = ports.allocate(), client2 = ports.allocate();
    const quint16 cluster1 = ports.allocate(), cluster2 = ports.allocate();
    NatsServer s1(server, u"s1"_s, client1, cluster1, cluster2);
    NatsServer s2(server, u"s2"_s, client2, cluster2, cluster1);
    if (!s1.started() || !s2.started()) {
        QTextStream(stderr) << "bench_nats: cannot start " << server << '\n';
        return 1;
    }
    natsConnection *nc1 = connectWithRetry(client1);
    natsConnection *nc2 = connectWithRetry(client2);
    if (!nc1 || !nc2) {
        QTextStream(stderr) << "bench_nats: cannot connect to the servers\n";
        return 1;
    }

    const std::vector<char> body(size_t(bodyBytes), 'n');
    out() << "bench_nats  " << QDateTime::currentDateTime().toString(Qt::ISODate) << "  nats-server " << server
          << ", libnats " << QString::fromLatin1(nats_GetVersion()) << "\n"
          << "  2-server cluster on loopback, client on s1 -> client on s2, " << bodyBytes << "-byte payloads\n\n";
    out().flush();

    const PubSubResult ps = pubSub(nc1, nc2, messages, body);
    out() << QString::asprintf("pub/sub:        %10.0f msg/s  (%lld of %lld received, %lld dropped)\n", ps.rate,
                               static_cast<long long>(ps.received), static_cast<long long>(messages),
                               static_cast<long long>(ps.dropped));
    out().flush();
    const RequestResult rr = requestReply(nc1, nc2, requests, int(window), body);
    out() << QString::asprintf("request-reply:  %10.0f req/s  with %lld in flight, latency p50 %.0f us p99 %.0f us "
                               "(%lld of %lld answered)\n",
                               rr.rate, static_cast<long long>(window), rr.p50Us, rr.p99Us,
                               static_cast<long long>(rr.completed), static_cast<long long>(requests));
    out().flush();
    // One in flight, over connections that write every message at once.
    natsConnection *asap1 = connectWithRetry(client1, true);
    natsConnection *asap2 = connectWithRetry(client2, true);
    const qint64 single = qMin<qint64>(requests, 5000);
    RequestResult one;
    if (asap1 && asap2)
        one = requestReply(asap1, asap2, single, 1, body);
    natsConnection_Destroy(asap1);
    natsConnection_Destroy(asap2);
    out() << QString::asprintf("request-reply:  %10.0f req/s  with 1 in flight, round trip p50 %.0f us p99 %.0f us\n",
                               one.rate, one.p50Us, one.p99Us);

    QString ratio;
    if (parser.isSet(portolanOption)) {
        const double portolan = parser.value(portolanOption).toDouble();
        if (rr.rate > 0) {
            ratio = QString::number(portolan / rr.rate, 'f', 3);
            out() << "\nPortolan acked " << QString::number(portolan, 'f', 0) << " msg/s / NATS request-reply "
                  << QString::number(rr.rate, 'f', 0) << " req/s = " << ratio << " (goal >= 2)\n";
        }
    }
    out() << "RESULT nats_pubsub=" << QString::number(ps.rate, 'f', 0) << " nats_reqreply="
          << QString::number(rr.rate, 'f', 0) << " nats_rtt_p50_us=" << QString::number(one.p50Us, 'f', 0);
    if (!ratio.isEmpty())
        out() << " ratio=" << ratio;
    out() << '\n';
    out().flush();

    natsConnection_Destroy(nc1);
    natsConnection_Destroy(nc2);
    nats_Close();
    return ps.received == messages && rr.completed == requests ? 0 : 1;
}
