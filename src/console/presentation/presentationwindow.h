#pragma once

#include <QQuickView>

namespace Portolan::Console {

class PresentationModel;

// The projector view: qml/Presentation.qml over a PresentationModel. It goes full screen
// on a screen other than the console's when there is one; Escape leaves, F11 toggles
// between full screen and a window.
class PresentationWindow : public QQuickView
{
    Q_OBJECT
public:
    explicit PresentationWindow(PresentationModel *model, QWindow *parent = nullptr);

    // Shows the view, full screen on the first screen that is not avoid (or on avoid
    // when it is the only one).
    void present(QScreen *avoid);
    // The QML root's error messages, empty when it loaded.
    QStringList loadErrors() const;

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void exposeEvent(QExposeEvent *event) override;

private:
    PresentationModel *m_model;
};

} // namespace Portolan::Console
