package dev.reel.runtime;

import dev.reel.runtime.idle.IdleStrategy;

/** The thread of one threaded component; it ends when its component is closed. */
final class DedicatedThread extends Executor {
    private final Cell cell;

    DedicatedThread(Cell cell) {
        super("reel-" + cell.run.name + "-" + cell.name, IdleStrategy.parking());
        this.cell = cell;
        this.cells = new Cell[] {cell};
    }

    @Override
    public void run() {
        int idleRounds = 0;
        while (cell.state != Cell.State.CLOSED) {
            if (dutyCycle() > 0) {
                idleRounds = 0;
            } else {
                idle.idle(++idleRounds, this::park);
            }
        }
    }

    void start() {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    boolean stopRequested() {
        return cell.run.stopping;
    }
}
