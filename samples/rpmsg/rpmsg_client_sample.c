// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal rpmsg client driver: the example the rpmsg documentation walks
 * through.
 *
 * The remote announces a channel named "rpmsg-client-sample" (the emulated
 * platform's firmware echoes whatever it receives on it).  Once the rpmsg
 * bus has matched the channel with this driver, probe sends a greeting; each
 * reply that comes back is counted and answered with the next message, until
 * @messages replies have arrived.  The driver then logs one final line,
 *
 *	<N> messages exchanged with 0x<remote address>, goodbye
 *
 * which the test suite waits for, and stays quiet from then on.
 */

#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>

static unsigned int messages = 100;
module_param(messages, uint, 0444);
MODULE_PARM_DESC(messages, "replies to count before saying goodbye (default 100)");

/**
 * struct sample_client - what the driver keeps per channel
 * @replies: replies received so far
 * @finished: the goodbye line has been printed; later replies are ignored
 *
 * Only the endpoint's callback touches these; the rpmsg core never runs the
 * callback of one endpoint twice at the same time, so no lock is needed.
 */
struct sample_client {
	unsigned int replies;
	bool finished;
};

/**
 * sample_send() - send the next message of the exchange
 * @rpdev: the channel
 * @seq: 0 for the greeting, else the number of replies so far
 *
 * Context: probe, or the endpoint's callback (the transport runs it where it
 * may sleep); sleeps while the transport has no free buffer.
 * Return: 0 or the negative error of rpmsg_send().
 */
static int sample_send(struct rpmsg_device *rpdev, unsigned int seq)
{
	char text[32];
	int len;

	if (seq)
		len = scnprintf(text, sizeof(text), "message %u", seq);
	else
		len = scnprintf(text, sizeof(text), "hello world!");
	return rpmsg_send(rpdev->ept, text, len);
}

/**
 * sample_rx() - receive callback of the channel's endpoint
 * @rpdev: the channel
 * @data: the payload (valid during the call only)
 * @len: its length in bytes
 * @ept_priv: the endpoint's private pointer (unused: drvdata holds the state)
 * @remote: the address the message came from
 *
 * Return: 0; the rpmsg core ignores the value.
 */
static int sample_rx(struct rpmsg_device *rpdev, void *data, int len,
		     void *ept_priv, u32 remote)
{
	struct sample_client *client = dev_get_drvdata(&rpdev->dev);
	int ret;

	if (client->finished)
		return 0;

	client->replies++;
	dev_dbg(&rpdev->dev, "reply %u from 0x%x: %d bytes\n",
		client->replies, remote, len);

	if (client->replies >= messages) {
		client->finished = true;
		dev_info(&rpdev->dev,
			 "%u messages exchanged with 0x%x, goodbye\n",
			 client->replies, remote);
		return 0;
	}

	ret = sample_send(rpdev, client->replies);
	if (ret)
		dev_err(&rpdev->dev, "cannot send message %u: %d\n",
			client->replies, ret);
	return 0;
}

static int sample_probe(struct rpmsg_device *rpdev)
{
	struct sample_client *client;
	int ret;

	client = devm_kzalloc(&rpdev->dev, sizeof(*client), GFP_KERNEL);
	if (!client)
		return -ENOMEM;
	dev_set_drvdata(&rpdev->dev, client);

	dev_info(&rpdev->dev, "saying hello from 0x%x to 0x%x\n", rpdev->src,
		 rpdev->dst);

	ret = sample_send(rpdev, 0);
	if (ret) {
		dev_err(&rpdev->dev, "cannot send the greeting: %d\n", ret);
		return ret;
	}
	return 0;
}

static void sample_remove(struct rpmsg_device *rpdev)
{
	struct sample_client *client = dev_get_drvdata(&rpdev->dev);

	dev_info(&rpdev->dev, "removed after %u replies\n", client->replies);
}

static const struct rpmsg_device_id sample_ids[] = {
	{ .name = "rpmsg-client-sample" },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, sample_ids);

static struct rpmsg_driver sample_driver = {
	.drv.name = KBUILD_MODNAME,
	.id_table = sample_ids,
	.probe = sample_probe,
	.callback = sample_rx,
	.remove = sample_remove,
};
module_rpmsg_driver(sample_driver);

MODULE_DESCRIPTION("rpmsg sample client: greets the remote and counts its replies");
MODULE_LICENSE("GPL");
